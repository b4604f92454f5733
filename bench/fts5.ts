/**
 * The SQLite FTS5 peer: the embedded engine a Node developer would reach for next (better-sqlite3
 * ships it), with the `trigram` tokenizer because FTS5 has no Korean word tokenizer.
 *
 * Used as its documentation suggests, nothing tuned for Korean:
 *  - one table `docs(id UNINDEXED, title, body)` tokenised into trigrams (ASCII case folded);
 *  - a query's whitespace words of three or more characters become quoted phrases ANDed in a
 *    MATCH, ranked by FTS5's bm25();
 *  - trigrams cannot match a word shorter than three characters (관세, 고양, AI: a MATCH finds
 *    nothing), so those words become `LIKE '%word%'` conditions on title or body — the usual
 *    fallback, which FTS5 cannot serve from its index and answers by scanning every row;
 *  - a question of short words only has no bm25 to rank by and comes back in insertion order.
 */
import { rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import type { Peer, PeerDoc } from "./peers.ts";

const SCHEMA =
  "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='trigram')";
const TRIGRAM = 3;

export interface Fts5Query {
  /** The MATCH expression, or null when no word is long enough for trigrams. */
  match: string | null;
  /** LIKE patterns (escaped with `\`) for the words too short for trigrams. */
  likes: string[];
}

/** Splits a query the way the peer searches it (see the module comment). */
export function fts5Query(query: string): Fts5Query {
  const words = query.split(/\s+/).filter((w) => w.length > 0);
  const long = words.filter((w) => [...w].length >= TRIGRAM);
  const short = words.filter((w) => [...w].length < TRIGRAM);
  return {
    match: long.length > 0 ? long.map((w) => `"${w.replaceAll('"', '""')}"`).join(" ") : null,
    likes: short.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}

export interface Fts5Peer extends Peer {
  close(): void;
}

function searcher(db: Database.Database): Fts5Peer {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    name: "fts5",
    async search(query, limit) {
      const { match, likes } = fts5Query(query);
      if (match === null && likes.length === 0) return [];
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (match !== null) {
        where.push("docs MATCH ?");
        params.push(match);
      }
      for (const like of likes) {
        where.push("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')");
        params.push(like, like);
      }
      const order = match !== null ? "ORDER BY bm25(docs)" : "ORDER BY rowid";
      const sql = `SELECT id FROM docs WHERE ${where.join(" AND ")} ${order} LIMIT ?`;
      params.push(limit);
      return (prepared(sql).all(...params) as { id: string }[]).map((row) => row.id);
    },
    close: () => db.close(),
  };
}

/** Builds the table at `path` (":memory:" for none) in one transaction, then merges its segments. */
export function buildFts5(docs: readonly PeerDoc[], path = ":memory:"): Fts5Peer {
  if (path !== ":memory:")
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  const db = new Database(path);
  db.exec(SCHEMA);
  const insert = db.prepare("INSERT INTO docs (id, title, body) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (const doc of docs) insert.run(doc.id, doc.title, doc.body);
  })();
  // What FTS5's documentation recommends after a bulk load: one b-tree per index, faster queries.
  db.exec("INSERT INTO docs(docs) VALUES('optimize')");
  return searcher(db);
}

/** Opens a table `buildFts5` wrote, read-only, as a restarted process would. */
export function openFts5(path: string): Fts5Peer {
  return searcher(new Database(path, { readonly: true, fileMustExist: true }));
}

export function fts5Bytes(path: string): number {
  return statSync(path).size;
}
