'use strict'
// Times @aws-crypto/client-node (the JS AWS Encryption SDK) encrypt and decrypt with a raw AES-256 keyring, committing
// suite 0x0478 and 64 KiB frames — the settings of Turen's Seal/Open — and prints one JSON line per size and operation:
// {"op":"encrypt","bytes":1048576,"meanMs":..,"minMs":..,"n":..}. Run by benchmarks/report.sh.
const path = require('path')
const modules = process.env.TUREN_JS_MODULES || path.join(__dirname, '..', '..', 'tests', 'Turen.Sdk.Interop.Tests', 'js', 'node_modules')
const { buildClient, CommitmentPolicy, AlgorithmSuiteIdentifier, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } =
  require(path.join(modules, '@aws-crypto', 'client-node'))
const crypto = require('crypto')

async function time (fn, iterations) {
  await fn() // warm-up
  const samples = []
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return { meanMs: samples.reduce((a, b) => a + b, 0) / samples.length, minMs: Math.min(...samples), n: samples.length }
}

async function main () {
  const keyring = new RawAesKeyringNode({
    keyName: 'org-dek-1',
    keyNamespace: 'turen',
    unencryptedMasterKey: crypto.randomBytes(32),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING
  })
  const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
  const sizes = (process.env.TUREN_JS_SIZES || '1048576,67108864').split(',').map(Number)
  for (const bytes of sizes) {
    const plaintext = crypto.randomBytes(bytes)
    const options = {
      encryptionContext: { 'turen.org': 'acme', 'turen.session': 's-1' },
      frameLength: 64 * 1024,
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY
    }
    const iterations = bytes >= 64 * 1024 * 1024 ? 3 : 10
    const sealed = (await encrypt(keyring, plaintext, options)).result
    const enc = await time(() => encrypt(keyring, plaintext, options), iterations)
    console.log(JSON.stringify({ op: 'encrypt', bytes, ...enc }))
    const dec = await time(() => decrypt(keyring, sealed), iterations)
    console.log(JSON.stringify({ op: 'decrypt', bytes, ...dec }))
  }
}

main().catch(err => { console.error(err); process.exit(1) })
