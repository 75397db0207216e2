import type { FieldValue, FindQuery } from '../read-model-store';
import { fieldExpression, quotedTable } from './names';

/** SQL of one find(): the page and the count share the WHERE clause and its values. */
export interface FindSql {
  readonly page: string;
  readonly count: string;
  readonly whereParams: readonly (string | number)[];
  readonly pageParams: readonly (string | number)[];
}

/**
 * Builds the SQL of a find. Field names are validated identifiers inlined into the
 * JSON path (an expression index only matches a literal path); every value is bound.
 */
export function buildFind(collection: string, query: FindQuery): FindSql {
  const table = quotedTable(collection);
  const conditions: string[] = [];
  const whereParams: (string | number)[] = [];
  for (const [field, value] of Object.entries(query.where ?? {})) {
    const expression = fieldExpression(field);
    if (value === null) {
      // Also matches a missing field, as Mongo's { field: null } does.
      conditions.push(`${expression} IS NULL`);
    } else {
      conditions.push(`${expression} = ?`);
      whereParams.push(bindable(field, value));
    }
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';

  // Ties are broken by id in the same direction, so a page boundary is stable; the
  // field's index gives the main order and SQLite sorts only within runs of ties.
  let orderBy = ' ORDER BY id';
  if (query.orderBy) {
    const direction = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
    orderBy = ` ORDER BY ${fieldExpression(query.orderBy.field)} ${direction}, id ${direction}`;
  }

  return {
    page: `SELECT id, position, body FROM ${table}${where}${orderBy} LIMIT ? OFFSET ?`,
    count: `SELECT COUNT(*) FROM ${table}${where}`,
    whereParams,
    pageParams: [...whereParams, count('limit', query.limit), count('offset', query.offset ?? 0)],
  };
}

/** json_extract() gives JSON true/false as 1/0, so booleans are compared as such. */
function bindable(field: string, value: FieldValue): string | number {
  switch (typeof value) {
    case 'boolean':
      return value ? 1 : 0;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`where.${field}: ${value} is not a finite number`);
      return value;
    case 'string':
      return value;
    default:
      throw new TypeError(`where.${field}: unsupported value of type ${typeof value}`);
  }
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
