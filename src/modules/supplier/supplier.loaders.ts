import DataLoader from "dataloader";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { Prisma } from "../../infra/db/database";
import { idsByKind, SUPPLIER_KINDS, supplierKind } from "./kinds";

export interface SupplierKey {
  kind: SupplierKind;
  id: number;
}

/** Suppliers' whole rows by kind and id (the `Supplier` union, node(id:)): one statement per kind asked for. */
export function supplierRowLoader(prisma: Prisma) {
  return new DataLoader<SupplierKey, { id: number } | null, string>(
    async (keys) => {
      const ids = idsByKind(keys);
      const read = await Promise.all(SUPPLIER_KINDS.map(async (k) => (ids[k.kind].length ? (await k.rows(prisma, ids[k.kind])).map((row) => [`${k.kind}:${row.id}`, row] as const) : [])));
      const found = new Map(read.flat());
      return keys.map((key) => found.get(`${key.kind}:${key.id}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.kind}:${key.id}` },
  );
}

/** A supplier as the `Supplier` union resolves it: its row typed with its kind's GraphQL type. */
export async function loadSupplier(loader: DataLoader<SupplierKey, { id: number } | null, string>, ref: SupplierKey) {
  return { ...(await loader.load(ref))!, __typename: supplierKind(ref.kind).typeName };
}
