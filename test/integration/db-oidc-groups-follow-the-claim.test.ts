// A group the identity provider's claim gave a user is taken away when the claim stops naming it, even
// when the group is one an admin made; a membership an admin gave stays. On PostgreSQL and PGlite.
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createUser, setGroupMembers, syncOidcGroups, userByName } from "../../src/identity/users.js";
import { ENGINES } from "../support/databases.js";

describe.each(ENGINES)("OIDC groups on $engine", (fixture) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const open = async (): Promise<Database> => {
    const created = await fixture.create();
    cleanups.push(created.drop);
    const db = await openDatabase(created.target);
    cleanups.push(() => db.close());
    await migrate(db);
    return db;
  };
  const groupsOf = async (db: Database, name: string) => (await userByName(db, name))?.groups;

  it("takes away an admin-made group when the claim drops it", async () => {
    const db = await open();
    const carol = await createUser(db, { name: "carol", oidcSubject: "sub-carol" });
    await setGroupMembers(db, "gpu", []);
    await syncOidcGroups(db, carol.id, ["gpu", "staff"]);
    expect(await groupsOf(db, "carol")).toEqual(["gpu", "staff"]);
    await syncOidcGroups(db, carol.id, []);
    expect(await groupsOf(db, "carol")).toEqual([]);
  });

  it("keeps a membership an admin gave, whatever the claim says", async () => {
    const db = await open();
    const dave = await createUser(db, { name: "dave", oidcSubject: "sub-dave" });
    await setGroupMembers(db, "gpu", ["dave"]);
    await syncOidcGroups(db, dave.id, ["gpu"]);
    await syncOidcGroups(db, dave.id, []);
    expect(await groupsOf(db, "dave")).toEqual(["gpu"]);
  });

  it("leaves the claim's memberships the claim's when an admin saves the group's members", async () => {
    const db = await open();
    const erin = await createUser(db, { name: "erin", oidcSubject: "sub-erin" });
    await createUser(db, { name: "frank" });
    await setGroupMembers(db, "gpu", []);
    await syncOidcGroups(db, erin.id, ["gpu"]);
    await setGroupMembers(db, "gpu", ["erin", "frank"]);
    await syncOidcGroups(db, erin.id, []);
    expect(await groupsOf(db, "erin")).toEqual([]);
    expect(await groupsOf(db, "frank")).toEqual(["gpu"]);
  });
});
