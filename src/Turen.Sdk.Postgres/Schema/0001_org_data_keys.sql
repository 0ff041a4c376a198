-- Wrapped org data keys. One row per (org, version); the key bytes are wrapped by a KEK and never stored in clear.
CREATE TABLE turen_org_data_keys (
    org_id      text        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    status      text        NOT NULL CHECK (status IN ('active', 'previous', 'retired')),
    kek_id      text        NOT NULL,
    wrapped_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, version),
    -- A retired version has its wrapped key erased; every other version has one.
    CHECK ((status = 'retired') = (length(wrapped_key) = 0))
);

-- At most one active version per org: a constraint, not a convention.
CREATE UNIQUE INDEX turen_org_data_keys_one_active ON turen_org_data_keys (org_id) WHERE status = 'active';
