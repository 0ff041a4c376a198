-- API keys. Only the non-secret lookup id (ak_live_ + 8 characters) and HMAC-SHA-256(server hash key, key) are stored;
-- the key itself never is.
CREATE TABLE turen_api_keys (
    id          text        NOT NULL PRIMARY KEY,
    name        text        NOT NULL,
    environment text        NOT NULL CHECK (environment IN ('live', 'test')),
    key_hash    bytea       NOT NULL CHECK (length(key_hash) = 32),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL
);
