'use strict'
// node open.js --key-b64 K --namespace NS --name NAME [--ctx k=v]... < blob > plaintext
// Exits 1 when the blob does not open, or when its stored context lacks a --ctx pair or disagrees with it.
const { buildClient, CommitmentPolicy } = require('@aws-crypto/client-node')
const { parseArgs, keyring, readStdin } = require('./common')

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
  const blob = await readStdin()
  const { plaintext, messageHeader } = await decrypt(keyring(args), blob)
  for (const [k, v] of Object.entries(args.ctx)) {
    if (messageHeader.encryptionContext[k] !== v) throw new Error('context mismatch for ' + k)
  }
  process.stdout.write(plaintext)
}

main().catch(err => { process.stderr.write(String(err && err.message) + '\n'); process.exit(1) })
