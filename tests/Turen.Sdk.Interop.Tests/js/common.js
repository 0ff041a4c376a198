'use strict'
// Shared by seal.js and open.js: argument parsing and the raw AES keyring (utf8Sorting on, so that the wrap AAD is
// ordered by UTF-8 bytes as the specification says; see the format digest, quirk 1).
const {
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier
} = require('@aws-crypto/client-node')

function parseArgs (argv) {
  const args = { ctx: {} }
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]
    const value = argv[i + 1]
    switch (name) {
      case '--key-b64': args.key = Buffer.from(value, 'base64'); i++; break
      case '--namespace': args.namespace = value; i++; break
      case '--name': args.name = value; i++; break
      case '--frame-length': args.frameLength = Number(value); i++; break
      case '--ctx': {
        const eq = value.indexOf('=')
        args.ctx[value.slice(0, eq)] = value.slice(eq + 1)
        i++
        break
      }
      case '--signed': args.signed = true; break
      default: throw new Error('unknown argument ' + name)
    }
  }
  return args
}

function keyring (args) {
  const suites = {
    16: RawAesWrappingSuiteIdentifier.AES128_GCM_IV12_TAG16_NO_PADDING,
    24: RawAesWrappingSuiteIdentifier.AES192_GCM_IV12_TAG16_NO_PADDING,
    32: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING
  }
  return new RawAesKeyringNode({
    keyName: args.name,
    keyNamespace: args.namespace,
    unencryptedMasterKey: new Uint8Array(args.key),
    wrappingSuite: suites[args.key.length],
    utf8Sorting: true
  })
}

async function readStdin () {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks)
}

module.exports = { parseArgs, keyring, readStdin }
