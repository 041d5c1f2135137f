-- The cluster store: every object whole (JSONB) with indexed key columns, and the log of watch
-- events that the api-server's watch cache and the Kafka outbox relay read.

CREATE SEQUENCE resource_version_seq;

-- Resource versions come from one sequence, but transactions may commit out of the order in which
-- they took their versions. The event log tailer proves a version is settled by checking that every
-- transaction running when the version was handed out has finished; that needs the transaction's id
-- to be assigned before the version is taken, which this function guarantees.
CREATE FUNCTION next_resource_version() RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN nextval('resource_version_seq');
END
$$;

-- The highest resource version handed out so far, read without side effects.
CREATE FUNCTION resource_version_handed_out() RETURNS bigint
    LANGUAGE sql VOLATILE AS
$$
SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM resource_version_seq
$$;

-- The first half of a probe: the highest resource version handed out, then a transaction id taken
-- (and, as the statement runs in autocommit, completed) after it. A snapshot taken after this
-- returns has an xmax above the id of every transaction that took a version up to the one returned;
-- a snapshot's xmax is only one past the latest *completed* transaction, so without this a writer
-- whose id is above every completed one would be invisible to it and not listed as in progress.
CREATE FUNCTION resource_version_probe() RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    handed_out bigint;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO handed_out FROM resource_version_seq;
    PERFORM pg_current_xact_id();
    RETURN handed_out;
END
$$;

CREATE TABLE objects
(
    resource         text   NOT NULL, -- group resource, e.g. services, deployments.apps
    namespace        text   NOT NULL, -- '' for cluster-scoped kinds
    name             text   NOT NULL,
    uid              uuid   NOT NULL UNIQUE,
    resource_version bigint NOT NULL,
    labels           jsonb  NOT NULL DEFAULT '{}',
    fields           jsonb  NOT NULL DEFAULT '{}', -- selectable fields, e.g. spec.nodeName, status.phase
    owner_uids       uuid[] NOT NULL DEFAULT '{}',
    body             jsonb  NOT NULL,
    PRIMARY KEY (resource, namespace, name)
);

CREATE INDEX objects_labels ON objects USING gin (labels jsonb_path_ops);
CREATE INDEX objects_fields ON objects USING gin (fields jsonb_path_ops);
CREATE INDEX objects_owner_uids ON objects USING gin (owner_uids);

-- One row per committed write, in resource-version order once settled. Kept until the relay has
-- published it and it has left the retained watch window.
CREATE TABLE watch_events
(
    resource_version bigint PRIMARY KEY,
    resource         text  NOT NULL,
    namespace        text  NOT NULL,
    name             text  NOT NULL,
    type             text  NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
    labels           jsonb NOT NULL,
    fields           jsonb NOT NULL,
    prev_labels      jsonb,            -- before a MODIFIED, so selector watches see objects leave
    prev_fields      jsonb,
    body             jsonb NOT NULL
);

-- What the outbox relay has published, per topic, and what the broker held then, so a relay can
-- tell when a broker lost or emptied a topic and re-publish the current state.
CREATE TABLE relay_topics
(
    topic             text PRIMARY KEY,
    cluster_id        text   NOT NULL,
    published_version bigint NOT NULL,
    end_offsets       bigint NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE relay_position
(
    id                smallint PRIMARY KEY CHECK (id = 1),
    published_version bigint NOT NULL
);
INSERT INTO relay_position VALUES (1, 0);
