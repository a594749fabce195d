// Walks the catalog with iceberg-js the way a JavaScript application would, and prints what it
// saw as one JSON object on stdout. IcebergJsClientIT runs it (node, with iceberg-js installed next
// to it) and asserts on that object. Settings come from the environment, never the command line.
import { IcebergRestCatalog, IcebergError } from 'iceberg-js';

const { ICEBERG_URI, ICEBERG_WAREHOUSE, ICEBERG_TOKEN, ICEBERG_NAMESPACE } = process.env;
const catalog = new IcebergRestCatalog({
  baseUrl: ICEBERG_URI,
  warehouse: ICEBERG_WAREHOUSE,
  auth: { type: 'bearer', token: ICEBERG_TOKEN },
});
const namespace = { namespace: [ICEBERG_NAMESPACE] };
const table = { namespace: namespace.namespace, name: 'events' };
const seen = {};

try {
  const config = await catalog.loadConfig();
  seen.prefix = config.overrides?.prefix ?? null;
  seen.endpoints = config.endpoints ?? [];

  await catalog.createNamespace(namespace, { properties: { owner: 'iceberg-js' } });
  seen.namespaces = (await catalog.listNamespaces()).namespaces.map((n) => n.namespace.join('.'));
  seen.namespaceProperties = await catalog.loadNamespaceMetadata(namespace);

  const created = await catalog.createTable(namespace, {
    name: table.name,
    schema: {
      type: 'struct',
      fields: [
        { id: 1, name: 'id', type: 'long', required: true },
        { id: 2, name: 'kind', type: 'string', required: false },
        { id: 3, name: 'at', type: 'timestamptz', required: false },
      ],
    },
    // iceberg-js types spec-id as optional; Iceberg's parser (every Java catalog's) requires it.
    'partition-spec': { 'spec-id': 0, fields: [{ 'source-id': 3, name: 'at_day', transform: 'day' }] },
    properties: { 'created-by': 'iceberg-js' },
  });
  seen.created = { location: created.location, formatVersion: created['format-version'] };

  const first = await catalog.loadTableResult(table);
  seen.firstLoad = {
    metadataLocation: first['metadata-location'],
    etag: first.etag,
    columns: first.metadata.schemas.at(-1).fields.map((f) => f.name),
    partitionFields: first.metadata['partition-specs'].at(-1).fields.map((f) => f.transform),
  };
  // With the ETag of the first load, if the catalog sent one: 304 (null) when nothing changed.
  const second = await catalog.loadTableResult(table, first.etag ? { ifNoneMatch: first.etag } : {});
  seen.secondLoad = second === null
    ? { notModified: true }
    : { notModified: false, metadataLocation: second['metadata-location'] };

  seen.tables = (await catalog.listTables(namespace)).identifiers.map((t) => [...t.namespace, t.name].join('.'));
  seen.missingTable = await catalog.loadTable({ namespace: namespace.namespace, name: 'nope' })
    .then(() => 'answered', (e) => (e instanceof IcebergError ? `${e.status} ${e.icebergType}` : String(e)));
} catch (e) {
  seen.failure = e instanceof IcebergError ? `${e.status} ${e.icebergType}: ${e.message}` : String(e);
}
process.stdout.write(JSON.stringify(seen) + '\n');
