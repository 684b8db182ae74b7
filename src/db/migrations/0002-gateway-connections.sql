-- The session gateway's shared state (docs/decisions/0130): every replica's viewer counts per Session,
-- summed with one query; when the aggregate was last written to a Session's status, so that all replicas
-- together write it at most once per interval; and the tickets already exchanged, so that a ticket is
-- single-use whichever replica redeems it. Times are milliseconds since the epoch, as the gateway keeps them.
CREATE TABLE gateway_connections (
  namespace       TEXT NOT NULL,
  name            TEXT NOT NULL,
  replica         TEXT NOT NULL,
  active          INTEGER NOT NULL CHECK (active >= 0),
  total           BIGINT NOT NULL CHECK (total >= 0),
  last_connect    BIGINT,
  last_disconnect BIGINT,
  last_activity   BIGINT,
  written_at      BIGINT NOT NULL,
  PRIMARY KEY (namespace, name, replica)
);

CREATE TABLE gateway_status_writes (
  namespace  TEXT NOT NULL,
  name       TEXT NOT NULL,
  written_at BIGINT NOT NULL,
  PRIMARY KEY (namespace, name)
);

CREATE TABLE spent_tickets (
  nonce      TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX spent_tickets_expiry ON spent_tickets(expires_at);
