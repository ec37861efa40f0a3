// The reference side of ImportBenchmarks: the JavaScript importer ipfs-unixfs-importer (from tests/peers/node_modules)
// and SHA-256 in Node, on the same bytes as the .NET side. Usage: node reference-importer.mjs DATA_FILE NODE_MODULES.
// Reads the file into memory once, prints "ready", then answers one line per command line on stdin:
//   sha256 PROFILE   SHA-256 of every chunk-sized piece (node:crypto, as the importer's hasher uses) -> a checksum
//   import PROFILE   only-hash import of the bytes, fed in 64 KiB pieces as fs.createReadStream would -> the root CID
// The .NET benchmark times each round trip, so both runtimes are measured in the same run.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

const [dataFile, nodeModules] = process.argv.slice(2)
const { importer } = await import(pathToFileURL(join(nodeModules, 'ipfs-unixfs-importer', 'src', 'index.js')).href)
const data = readFileSync(dataFile)

// Kubo's profiles in the importer's option names (balanced layout, fixed-size chunker, a one-chunk file is its leaf).
const profiles = {
  'unixfs-v0-2015': { cidVersion: 0, rawLeaves: false, maxChunkSize: 262144, maxChildrenPerNode: 174 },
  'unixfs-v1-2025': { cidVersion: 1, rawLeaves: true, maxChunkSize: 1048576, maxChildrenPerNode: 1024 }
}

const readSize = 65536

function * pieces () {
  for (let at = 0; at < data.length; at += readSize) {
    yield data.subarray(at, Math.min(at + readSize, data.length))
  }
}

function sha256 (chunkSize) {
  let sum = 0
  for (let at = 0; at < data.length; at += chunkSize) {
    sum += createHash('sha256').update(data.subarray(at, Math.min(at + chunkSize, data.length))).digest()[0]
  }
  return String(sum)
}

const blockstore = { put: async (cid) => cid, get: async () => { throw new Error('only hashing') } }

async function importOnlyHash (profile) {
  let root
  const options = { ...profile, strategy: 'balanced', chunker: 'fixed', reduceSingleLeafToSelf: true, onlyHash: true }
  for await (const entry of importer([{ content: pieces() }], blockstore, options)) {
    root = entry.cid
  }
  return root.toString()
}

process.stdout.write('ready\n')
for await (const line of createInterface({ input: process.stdin })) {
  const [command, name] = line.split(' ')
  const profile = profiles[name]
  let answer
  if (!profile) {
    answer = `error unknown profile ${name}`
  } else if (command === 'sha256') {
    answer = sha256(profile.maxChunkSize)
  } else if (command === 'import') {
    answer = await importOnlyHash(profile)
  } else {
    answer = `error unknown command ${command}`
  }
  process.stdout.write(answer + '\n')
}
