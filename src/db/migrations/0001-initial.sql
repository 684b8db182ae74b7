-- The API's tables. Applied once, in order, under an advisory lock (src/db/migrate.ts).
CREATE TABLE users (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  display_name  TEXT,
  email         TEXT,
  -- argon2id PHC string; NULL for users who only log in through OIDC.
  password_hash TEXT,
  oidc_subject  TEXT UNIQUE,
  admin         BOOLEAN NOT NULL DEFAULT FALSE,
  disabled      BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_login_at TIMESTAMPTZ
);

CREATE TABLE groups (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  -- 'local' groups are set by admins; 'oidc' groups are replaced from the claim at every login.
  source      TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'oidc')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE group_members (
  group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);

-- Failed password logins by lower-cased user name, known or not (so a lockout reveals nothing), shared
-- by every API replica.
CREATE TABLE login_failures (
  username     TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  window_start TIMESTAMPTZ NOT NULL,
  locked_until TIMESTAMPTZ
);

-- A browser login: the cookie holds a random secret; the id is its SHA-256, so the table holds no secret.
CREATE TABLE login_sessions (
  id           TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at   TIMESTAMPTZ NOT NULL,
  source_ip    TEXT,
  user_agent   TEXT
);
CREATE INDEX login_sessions_user ON login_sessions(user_id);

-- An OIDC login in progress, between the redirect to the provider and its callback (keyed by a random id
-- in a short-lived cookie): the PKCE verifier, state and nonce the callback checks.
CREATE TABLE oidc_flows (
  id         TEXT PRIMARY KEY,
  state      TEXT NOT NULL,
  nonce      TEXT NOT NULL,
  verifier   TEXT NOT NULL,
  return_to  TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  -- SHA-256 of the token's secret part; the token itself is shown once, at creation.
  secret_hash  TEXT NOT NULL,
  scopes       TEXT[] NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at   TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE favorites (
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  template   TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, template)
);

CREATE TABLE recent_launches (
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  template    TEXT NOT NULL,
  launched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, template)
);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by TEXT
);

CREATE TABLE audit_log (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor       TEXT,
  action      TEXT NOT NULL,
  target      TEXT,
  status      INTEGER NOT NULL,
  source_ip   TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
