-- ASP.NET Core Data Protection keys: they encrypt the stored OSM tokens.
CREATE TABLE data_protection_keys (
    friendly_name TEXT    PRIMARY KEY,
    xml           TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
