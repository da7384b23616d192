import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Bundle exchange bookkeeping. Local to this installation, never
 * synchronised: keys, the peers this office trusts, and a log of every
 * bundle issued or received.
 */

/** This office's own Ed25519 keys; the private key is sealed (never stored in the clear). */
export const officeKeys = sqliteTable('office_keys', {
  keyId: text('key_id').primaryKey(), // minisign key id, 16 hex digits (as minisign prints it)
  publicKey: text('public_key').notNull(), // raw 32 bytes, base64
  fingerprint: text('fingerprint').notNull(),
  sealedPrivateKey: text('sealed_private_key').notNull(), // base64 of the sealer's output
  sealer: text('sealer').notNull(), // 'passphrase' | 'safeStorage' | …
  createdAt: text('created_at').notNull(),
  status: text('status', { enum: ['active', 'pending', 'retired'] }).notNull(),
  retiredAt: text('retired_at'),
});

/** Public keys of peer offices, each bound to the unit it may sign for. */
export const trustedKeys = sqliteTable(
  'trusted_keys',
  {
    keyId: text('key_id').primaryKey(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    unitId: text('unit_id').notNull(),
    unitCode: text('unit_code').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    /** How the key arrived: 'manual' or 'rotation:<bundle id>'. */
    source: text('source').notNull().default('manual'),
    revokedAt: text('revoked_at'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('trusted_keys_unit_idx').on(t.unitId)],
);

/** Every bundle this office issued, in sequence. */
export const bundlesSent = sqliteTable(
  'bundles_sent',
  {
    bundleId: text('bundle_id').primaryKey(),
    sequence: integer('sequence').notNull(),
    bundleSha256: text('bundle_sha256').notNull(), // SHA-256 of tagmanifest-sha256.txt
    previousSha256: text('previous_sha256').notNull(),
    kind: text('kind', { enum: ['full', 'delta'] }).notNull(),
    sinceSequence: integer('since_sequence'),
    changeFrom: integer('change_from').notNull(), // change-log seq covered: (changeFrom, changeTo]
    changeTo: integer('change_to').notNull(),
    rowCount: integer('row_count').notNull(),
    keyId: text('key_id').notNull(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    receipt: text('receipt'),
  },
  (t) => [uniqueIndex('bundles_sent_seq_uq').on(t.sequence)],
);

/** Every bundle this office looked at: applied, refused or flagged, and what it changed. */
export const bundlesReceived = sqliteTable(
  'bundles_received',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bundleId: text('bundle_id').notNull(),
    issuerUnitId: text('issuer_unit_id').notNull(),
    issuerCode: text('issuer_code').notNull(),
    sequence: integer('sequence').notNull(),
    bundleSha256: text('bundle_sha256').notNull(),
    previousSha256: text('previous_sha256').notNull(),
    keyId: text('key_id').notNull(),
    /** applied | fork (refused and flagged) | via (a district bundle carried inside a roll-up) */
    status: text('status', { enum: ['applied', 'fork', 'via'] }).notNull(),
    /** The roll-up bundle that carried it, for status 'via'. */
    viaBundleId: text('via_bundle_id'),
    receivedAt: text('received_at').notNull(),
    summary: text('summary').notNull().default('{}'),
    /** Where the original zip is kept, relative to the data folder (for roll-up provenance). */
    storedFile: text('stored_file'),
    /** The bundle this office issued that forwarded it upwards. */
    forwardedIn: text('forwarded_in'),
    gapAccepted: integer('gap_accepted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('bundles_received_issuer_idx').on(t.issuerUnitId, t.sequence)],
);
