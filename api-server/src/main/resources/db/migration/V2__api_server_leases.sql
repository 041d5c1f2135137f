-- One row per running api-server replica, renewed every few seconds: the default/kubernetes
-- Endpoints list the replicas whose lease is current (kube-apiserver's lease endpoint reconciler).
CREATE TABLE api_server_leases (
    address    text PRIMARY KEY,
    port       integer     NOT NULL,
    renewed_at timestamptz NOT NULL
);
