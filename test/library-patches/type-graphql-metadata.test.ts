// direct-resolvers.ts reads type-graphql's metadata storage (getMetadataStorage) to call field resolvers without
// their wrapper. This holds the storage to the shape it reads: an upgrade that renames or reshapes it fails here,
// not silently (callResolversDirectly would then replace nothing, or the wrong thing).
import "reflect-metadata";
import { getMetadataStorage } from "type-graphql";
import { directFields, hubSchema } from "../../src/schema/build-schema";

beforeAll(() => hubSchema());

test("field resolvers carry what direct-resolvers.ts reads", () => {
  const storage = getMetadataStorage();
  const external = storage.fieldResolvers.filter((definition) => definition.kind === "external");
  expect(external.length).toBeGreaterThan(50);
  for (const definition of external) {
    expect(typeof definition.getObjectType).toBe("function");
    expect(typeof definition.schemaName).toBe("string");
    expect(typeof definition.methodName).toBe("string");
    expect(typeof definition.target).toBe("function");
    for (const param of definition.params ?? []) {
      expect(["root", "context", "info", "arg", "args", "custom", "pubSub"]).toContain(param.kind);
      expect(typeof param.index).toBe("number");
      if (param.kind === "arg") expect(typeof param.getType).toBe("function");
    }
  }
  expect(storage.objectTypes.every((t) => typeof t.name === "string" && typeof t.target === "function")).toBe(true);
  expect(Array.isArray(storage.enums)).toBe(true);
});

test("most field resolvers are called directly (an upgrade that changes the storage would leave few or none)", () => {
  expect(directFields().length).toBeGreaterThan(50);
});
