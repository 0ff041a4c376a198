'use strict'
// node seal.js --key-b64 K --namespace NS --name NAME [--frame-length N] [--ctx k=v]... [--signed] < plaintext > blob
const { buildClient, CommitmentPolicy, AlgorithmSuiteIdentifier } = require('@aws-crypto/client-node')
const { parseArgs, keyring, readStdin } = require('./common')

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
  const plaintext = await readStdin()
  const { result } = await encrypt(keyring(args), plaintext, {
    encryptionContext: args.ctx,
    frameLength: args.frameLength || 4096,
    suiteId: args.signed
      ? AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384
      : AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY
  })
  process.stdout.write(result)
}

main().catch(err => { process.stderr.write(String(err && err.message) + '\n'); process.exit(1) })
