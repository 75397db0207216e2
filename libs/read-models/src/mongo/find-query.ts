import type { Filter, Sort } from 'mongodb';
import type { FieldValue, FindQuery } from '../read-model-store';
import { fieldPath, type MongoDocument } from './stored-document';

/** The filter, order and page of one find(), checked as the SQLite adapter checks them. */
export interface MongoFind {
  readonly filter: Filter<MongoDocument>;
  readonly sort: Sort;
  readonly skip: number;
  readonly limit: number;
}

/**
 * Equality on top-level fields; `null` also matches a missing field (MongoDB's own rule,
 * which the SQLite adapter follows). Ties are broken by `_id` in the same direction, so
 * a page boundary is stable; ensureCollections indexes each field with `_id` for that.
 */
export function buildFind(query: FindQuery): MongoFind {
  const filter: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(query.where ?? {})) filter[fieldPath(field)] = checkValue(field, value);
  let sort: Sort = { _id: 1 };
  if (query.orderBy) {
    const direction = query.orderBy.direction === 'desc' ? -1 : 1;
    sort = { [fieldPath(query.orderBy.field)]: direction, _id: direction };
  }
  return { filter, sort, skip: count('offset', query.offset ?? 0), limit: count('limit', query.limit) };
}

function checkValue(field: string, value: FieldValue): FieldValue {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`where.${field}: ${value} is not a finite number`);
      return value;
    case 'string':
    case 'boolean':
      return value;
    default:
      if (value === null) return null;
      throw new TypeError(`where.${field}: unsupported value of type ${typeof value}`);
  }
}

export function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
