-- Version 1: the chunk table over exactly 100 LIST partitions, and the checkpoints.
-- Applied by dev.chunking.postgres.PostgresMigrations (or by Flyway/Liquibase from the same file),
-- in the schema first on the search_path.

-- The partition of a hash, 0..99 for every int. Not abs(hash) % 100: abs(-2147483648) overflows,
-- and hashtext() is negative for about half of all strings, where a plain % 100 is negative too.
CREATE FUNCTION chunking_bucket_of_hash(hash integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (((hash::bigint % 100) + 100) % 100)::smallint $$;

-- The partition of a collection: every possible id lands in exactly one of the 100.
CREATE FUNCTION chunking_bucket(collection text) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT chunking_bucket_of_hash(hashtext(collection)) $$;

CREATE TABLE chunks (
    bucket        smallint    NOT NULL,
    collection    text        NOT NULL,
    document      text        NOT NULL,
    chunk_index   bigint      NOT NULL,
    text          text        NOT NULL,
    start_cp      bigint      NOT NULL,
    end_cp        bigint      NOT NULL,
    start_byte    bigint      NOT NULL,
    end_byte      bigint      NOT NULL,
    size          integer     NOT NULL,
    unit          text        NOT NULL,
    strategy      text        NOT NULL,
    headings      text[]      NOT NULL DEFAULT '{}',
    level         integer     NOT NULL DEFAULT 0,
    chunk_id      text,
    parent_id     text,
    replacements  bigint      NOT NULL DEFAULT 0,
    metadata      jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- a stored bucket must agree with its collection, or a row could hide in the wrong partition
    CONSTRAINT chunks_bucket_matches_collection CHECK (bucket = chunking_bucket(collection)),
    CONSTRAINT chunks_offsets_in_order CHECK (chunk_index >= 0 AND 0 <= start_cp AND start_cp <= end_cp
        AND 0 <= start_byte AND start_byte <= end_byte),
    -- a unique key on a partitioned table must include the partition key: bucket first
    CONSTRAINT chunks_pkey PRIMARY KEY (bucket, collection, document, chunk_index)
) PARTITION BY LIST (bucket);

DO $$
BEGIN
    FOR p IN 0..99 LOOP
        EXECUTE format('CREATE TABLE chunks_p%s PARTITION OF chunks FOR VALUES IN (%s)', lpad(p::text, 2, '0'), p);
    END LOOP;
END
$$;

CREATE TABLE chunk_checkpoints (
    collection  text        NOT NULL,
    document    text        NOT NULL,
    checkpoint  jsonb       NOT NULL,
    saved_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunk_checkpoints_pkey PRIMARY KEY (collection, document)
);
