import { createNodeConnector } from '../../src/core/db/node-connector';
import type { DbConnector } from '../../src/core/db/connector';

/** A fresh in-memory DuckDB-WASM (Node bindings) per call: tests share no state. */
export function openTestDb(): Promise<DbConnector> {
  return createNodeConnector();
}
