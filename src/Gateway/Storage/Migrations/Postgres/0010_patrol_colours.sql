-- Patrol colours (issue 13): a leader's choice per patrol of a section, from the eight names boards know; sent to boards as
-- settings.patrolColors. A patrol without a row has none. Times in Unix milliseconds.
CREATE TABLE patrol_colours (
    section_id  bigint NOT NULL,
    patrol_id   bigint NOT NULL,
    colour      text   NOT NULL,
    updated_by  bigint NOT NULL,   -- the leader's OSM user id
    updated_at  bigint NOT NULL,
    PRIMARY KEY (section_id, patrol_id)
);
