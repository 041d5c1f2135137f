-- A slot names what an allocation is for when an owner may hold only one value of that kind, such
-- as a pod's IPv4 address or a node's podCIDR. The unique index makes that hold across replicas:
-- two ipam-services reacting to the same pod cannot give it two addresses.
ALTER TABLE allocations ADD COLUMN slot text;

CREATE UNIQUE INDEX allocations_owner_slot ON allocations (owner_uid, slot) WHERE slot IS NOT NULL;

CREATE INDEX allocations_owner_resource ON allocations (owner_resource, allocated_at);
