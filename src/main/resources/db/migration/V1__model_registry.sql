-- The model registry (seqcast.registry.store=postgres). Versions are immutable; numbers are never
-- reused (models.next_version only grows); an alias cannot point at a missing version.
CREATE TABLE models (
    name         varchar(64) PRIMARY KEY,
    next_version integer     NOT NULL
);

CREATE TABLE model_versions (
    name       varchar(64) NOT NULL REFERENCES models (name),
    version    integer     NOT NULL CHECK (version >= 1),
    weights    bytea       NOT NULL,
    manifest   jsonb       NOT NULL,
    sha256     char(64)    NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);

CREATE TABLE model_aliases (
    name       varchar(64) NOT NULL,
    alias      varchar(64) NOT NULL,
    version    integer     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, alias),
    FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
);
