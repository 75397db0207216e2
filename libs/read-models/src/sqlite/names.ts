/**
 * Collection and field names end up inside SQL text (table names, JSON paths), where
 * they cannot be bound as parameters. Only plain identifiers are accepted, so nothing
 * a caller passes can break out of the quoting.
 */
const IDENTIFIER = /^[a-z][a-z0-9_]*$/i;

export class InvalidNameError extends Error {
  readonly code = 'INVALID_NAME';
  constructor(kind: 'collection' | 'field', name: string) {
    super(`invalid ${kind} name ${JSON.stringify(name)}: expected ${IDENTIFIER}`);
    this.name = 'InvalidNameError';
  }
}

// Prefixed so that collections can share a file with other tables (e.g. the event
// store) and cannot hit SQLite's reserved `sqlite_` names. A collection name starts
// with a letter, so `rm__checkpoints` can never be a collection's table.
const TABLE_PREFIX = 'rm_';
export const CHECKPOINTS_TABLE = '"rm__checkpoints"';
/** LIKE pattern matching every table this store owns (collections and checkpoints). */
export const OWN_TABLES_LIKE = 'rm\\_%';

export function checkCollection(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new InvalidNameError('collection', name);
  return name;
}

export function checkField(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new InvalidNameError('field', name);
  return name;
}

/** Unquoted table name, as sqlite_master lists it. */
export function tableName(collection: string): string {
  return TABLE_PREFIX + checkCollection(collection);
}

export function quotedTable(collection: string): string {
  return `"${tableName(collection)}"`;
}

export function quotedIndex(collection: string, field: string): string {
  return `"${tableName(collection)}__${checkField(field)}"`;
}

/**
 * The expression filters, sorts and indexes use. It must be spelled identically
 * everywhere: SQLite only uses an expression index for the very same expression.
 */
export function fieldExpression(field: string): string {
  return `json_extract(body, '$.${checkField(field)}')`;
}
