-- ASP.NET Core Data Protection keys, shared by every replica: they encrypt the stored OSM tokens.
CREATE TABLE data_protection_keys (
    friendly_name text   PRIMARY KEY,
    xml           text   NOT NULL,
    created_at    bigint NOT NULL
);
