-- Version 1: the chunk table over exactly 100 LIST partitions, the collections' placement, the
-- documents' visible generation, the checkpoints and the partition health views.
-- Applied by dev.chunking.postgres.PostgresMigrations (or by Flyway/Liquibase from the same file),
-- in the schema first on the search_path.

-- The partition of a hash, 0..99 for every int. Not abs(hash) % 100: abs(-2147483648) overflows,
-- and hashtext() is negative for about half of all strings, where a plain % 100 is negative too.
CREATE FUNCTION chunking_bucket_of_hash(hash integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (((hash::bigint % 100) + 100) % 100)::smallint $$;

-- The partition a collection prefers: where it goes when that partition is among the least used.
CREATE FUNCTION chunking_bucket(collection text) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT chunking_bucket_of_hash(hashtext(collection)) $$;

-- How many collections each partition holds. A hash alone leaves 10,000 equal collections about
-- 25 % off the mean in some partition (a binomial spread of ~10 around 100 each); placing each new
-- collection in the least used partition keeps them within a few percent.
CREATE TABLE chunk_buckets (
    bucket       smallint PRIMARY KEY CHECK (bucket BETWEEN 0 AND 99),
    collections  bigint   NOT NULL DEFAULT 0 CHECK (collections >= 0)
);
INSERT INTO chunk_buckets (bucket) SELECT g FROM generate_series(0, 99) AS g;

-- Each collection's partition, fixed for the collection's life: all its chunks live there.
CREATE TABLE chunk_collections (
    collection  text        PRIMARY KEY,
    bucket      smallint    NOT NULL REFERENCES chunk_buckets (bucket),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunk_collections_collection_bucket UNIQUE (collection, bucket)
);

-- The partition of a collection, placing it on first use in the least used partition (ties go to
-- the first at or after the one it prefers). Every possible id gets exactly one of the 100.
CREATE FUNCTION chunking_collection_bucket(p_collection text) RETURNS smallint
    LANGUAGE plpgsql STRICT
    AS $$
DECLARE
    chosen smallint;
BEGIN
    SELECT bucket INTO chosen FROM chunk_collections WHERE collection = p_collection;
    IF FOUND THEN
        RETURN chosen;
    END IF;
    SELECT k.bucket INTO chosen FROM chunk_buckets k
        ORDER BY k.collections, (k.bucket - chunking_bucket(p_collection) + 100) % 100
        LIMIT 1 FOR UPDATE;
    INSERT INTO chunk_collections (collection, bucket) VALUES (p_collection, chosen)
        ON CONFLICT (collection) DO NOTHING;
    IF FOUND THEN
        UPDATE chunk_buckets SET collections = collections + 1 WHERE bucket = chosen;
        RETURN chosen;
    END IF;
    SELECT bucket INTO chosen FROM chunk_collections WHERE collection = p_collection;
    RETURN chosen;
END
$$;

-- A document's chunk sets: readers see the current generation only; a run writes the pending one,
-- which replaces the current one in the transaction that completes it.
CREATE TABLE chunk_documents (
    collection          text        NOT NULL,
    document            text        NOT NULL,
    bucket              smallint    NOT NULL,
    current_generation  bigint,
    pending_generation  bigint,
    chunk_count         bigint      NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunk_documents_pkey PRIMARY KEY (collection, document),
    -- a document's bucket must be its collection's, or its chunks could hide in the wrong partition
    CONSTRAINT chunk_documents_bucket_of_collection FOREIGN KEY (collection, bucket)
        REFERENCES chunk_collections (collection, bucket)
);

CREATE TABLE chunks (
    bucket        smallint    NOT NULL,
    collection    text        NOT NULL,
    document      text        NOT NULL,
    generation    bigint      NOT NULL,
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
    CONSTRAINT chunks_offsets_in_order CHECK (chunk_index >= 0 AND 0 <= start_cp AND start_cp <= end_cp
        AND 0 <= start_byte AND start_byte <= end_byte),
    -- a unique key on a partitioned table must include the partition key: bucket first
    CONSTRAINT chunks_pkey PRIMARY KEY (bucket, collection, document, generation, chunk_index)
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

-- Rows and size of every partition, and how far each is from the mean. Counts rows exactly, so it
-- reads the whole table: run it as a report, not on every request.
CREATE VIEW partition_health AS
WITH parts AS (
    SELECT c.oid, c.relname::text AS partition
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'chunks'::regclass
), counted AS (
    SELECT tableoid AS oid, count(*) AS n FROM chunks GROUP BY tableoid
), joined AS (
    SELECT p.partition, coalesce(k.n, 0) AS row_count, pg_total_relation_size(p.oid) AS total_bytes
    FROM parts p LEFT JOIN counted k ON k.oid = p.oid
), deviations AS (
    SELECT j.partition, j.row_count, j.total_bytes,
           CASE WHEN m.mean = 0 THEN 0::numeric
                ELSE round((j.row_count - m.mean) * 100.0 / m.mean, 2) END AS deviation_percent
    FROM joined j CROSS JOIN (SELECT avg(row_count) AS mean FROM joined) m
)
SELECT partition, row_count, total_bytes, deviation_percent,
       CASE WHEN deviation_percent > 20 THEN 'HOT' WHEN deviation_percent < -20 THEN 'COLD' ELSE 'NORMAL' END AS status
FROM deviations;

CREATE VIEW partition_health_summary AS
SELECT count(*) FILTER (WHERE row_count > 0) AS partitions_used,
       count(*) AS partitions,
       coalesce(sum(row_count), 0) AS row_count,
       coalesce(round(avg(row_count), 2), 0) AS mean_rows,
       coalesce(max(abs(deviation_percent)), 0) AS max_skew_percent
FROM partition_health;
