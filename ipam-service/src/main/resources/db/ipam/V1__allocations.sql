-- ipam-service's tables. The primary key of allocations is what makes an address or port unique
-- across every api-server and ipam-service replica: a value is held by whoever inserted its row.

CREATE TABLE pools (
    name        text PRIMARY KEY,
    kind        text        NOT NULL,
    range       text        NOT NULL,
    size        integer     NOT NULL,
    static_band integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE allocations (
    pool            text        NOT NULL,
    ordinal         integer     NOT NULL,
    value           text        NOT NULL,
    owner_resource  text        NOT NULL,
    owner_namespace text        NOT NULL DEFAULT '',
    owner_name      text        NOT NULL,
    owner_uid       text        NOT NULL,
    allocated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pool, ordinal)
);

CREATE INDEX allocations_owner ON allocations (owner_uid);
CREATE INDEX allocations_value ON allocations (value);
