-- API keys. Only the non-secret lookup id (ak_live_ + 8 characters) and HMAC-SHA-256(server hash key, key) are stored;
-- the key itself never is.
CREATE TABLE turen_api_keys (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    environment TEXT NOT NULL CHECK (environment IN ('live', 'test')),
    key_hash    BLOB NOT NULL CHECK (length(key_hash) = 32),
    created_at  TEXT NOT NULL,
    revoked_at  TEXT NULL
) WITHOUT ROWID;
