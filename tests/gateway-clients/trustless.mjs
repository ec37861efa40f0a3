// A trustless-gateway client built only from npm packages (@ipld/car, ipfs-unixfs-exporter, multiformats): it reads
// the gateway's CAR or raw-block responses, checks every block's hash against its CID, rebuilds the UnixFS entity
// with the exporter and writes it to <out> (a file, or a folder tree for a directory). Prints one JSON line.
//
//   node trustless.mjs car <gateway> <cid[/path]> <out> [query] [accept|format]
//   node trustless.mjs raw <gateway> <cid> <out> [accept|format]
//
// query: extra CAR parameters, e.g. "dag-scope=entity&entity-bytes=10:99" (entity-bytes makes the exporter read only
// that range). "accept" asks with the Accept header alone, "format" with ?format= alone; the default sends both.
// Exit code 1 with the reason on stderr when a response is not what the trustless-gateway spec requires.
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CarBlockIterator } from '@ipld/car/iterator'
import * as dagPb from '@ipld/dag-pb'
import { exporter } from 'ipfs-unixfs-exporter'
import { CID } from 'multiformats/cid'
import { sha256, sha512 } from 'multiformats/hashes/sha2'

const hashers = { [sha256.code]: sha256, [sha512.code]: sha512 }
const [mode, gateway, contentPath, out, ...rest] = process.argv.slice(2)

async function verify (cid, bytes) {
  const hasher = hashers[cid.multihash.code]
  if (hasher === undefined) throw new Error(`${cid}: multihash 0x${cid.multihash.code.toString(16)} is not one a gateway may send (identity CIDs must not be in a CAR)`)
  const digest = (await hasher.digest(bytes)).digest
  if (Buffer.compare(Buffer.from(digest), Buffer.from(cid.multihash.digest)) !== 0) throw new Error(`${cid}: block hash does not match its CID`)
}

async function get (url, accept, via) {
  const headers = via === 'format' ? {} : { accept }
  const response = await fetch(url, { headers })
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`)
  return response
}

function withFormat (url, format, via) {
  return via === 'accept' ? url : url + (url.includes('?') ? '&' : '?') + 'format=' + format
}

/** Writes what the exporter rebuilds from the blocks at cid to out; returns the files written (path, size). */
async function rebuild (cid, blockstore, target, range, files, relative = '') {
  const entry = await exporter(cid, blockstore)
  if (entry.type === 'directory') {
    await mkdir(target, { recursive: true })
    const entries = []
    for await (const child of entry.entries()) entries.push(child)
    if (range.listOnly) return entries.map(e => e.name)
    for (const child of entries) await rebuild(child.cid, blockstore, join(target, child.name), range, files, relative + '/' + child.name)
    return entries.map(e => e.name)
  }
  if (entry.type !== 'file' && entry.type !== 'raw') throw new Error(`${cid}: a ${entry.type}, not UnixFS`)
  let size = 0
  const counted = async function * () {
    for await (const chunk of entry.content(range.options)) { size += chunk.byteLength; yield chunk }
  }
  await pipeline(Readable.from(counted()), createWriteStream(target))
  files.push({ path: relative, size })
  return null
}

/** The blocks a depth-first walk from root visits, first visits only (dups=n), through the blocks present only. */
function depthFirst (root, blocks) {
  const order = []
  const seen = new Set()
  const visit = cid => {
    const key = cid.toString()
    if (seen.has(key) || !blocks.has(key)) return
    seen.add(key)
    order.push(key)
    if (cid.code === dagPb.code) for (const link of dagPb.decode(blocks.get(key)).Links) visit(link.Hash)
  }
  visit(root)
  return order
}

/** The entity-bytes=from:to value of a query, or null. */
function entityBytes (query) {
  const match = /(?:^|&)entity-bytes=([^&]*)/.exec(query ?? '')
  return match === null ? null : match[1]
}

async function car () {
  const [query, via] = rest
  const url = withFormat(`${gateway}/ipfs/${contentPath}${query ? '?' + query : ''}`, 'car', via)
  const response = await get(url, 'application/vnd.ipld.car', via)
  const blocks = new Map()
  const order = []
  const iterator = await CarBlockIterator.fromIterable(Readable.fromWeb(response.body))
  for await (const { cid, bytes } of iterator) {
    await verify(cid, bytes)
    order.push(cid.toString())
    blocks.set(cid.toString(), bytes)
  }
  const blockstore = {
    async * get (cid) {
      const bytes = blocks.get(cid.toString())
      if (bytes === undefined) throw new Error(`${cid}: the CAR lacks this block`)
      yield bytes
    }
  }
  // The exporter walks the path through the CAR's own blocks: the path segments' blocks must be in it too.
  const terminal = await exporter(contentPath, blockstore)
  const bytesParam = entityBytes(query)
  const range = { listOnly: /dag-scope=(entity|block)/.test(query ?? '') || bytesParam !== null }
  if (bytesParam !== null && terminal.type !== 'directory') {
    const size = Number(terminal.size)
    let [from, to] = bytesParam.split(':').map(v => v === '*' ? null : Number(v))
    from = from < 0 ? Math.max(0, size + from) : from
    to = to === null ? size - 1 : to < 0 ? size + to : Math.min(to, size - 1)
    range.options = { offset: from, length: Math.max(0, to - from + 1) }
  }
  const files = []
  const entries = /dag-scope=block/.test(query ?? '') && terminal.type !== 'directory'
    ? null
    : await rebuild(terminal.cid, blockstore, out, range, files)
  const contentType = response.headers.get('content-type')
  // The path's blocks, then the entity's, in one depth-first walk from the path's CID over the blocks the CAR holds.
  const dfs = /order=dfs/.test(contentType ?? '')
    ? JSON.stringify(depthFirst(CID.parse(contentPath.split('/')[0]), blocks)) === JSON.stringify(order)
    : null
  console.log(JSON.stringify({
    out,
    contentType,
    contentDisposition: response.headers.get('content-disposition'),
    etag: response.headers.get('etag'),
    roots: (await iterator.getRoots()).map(String),
    blocks: order,
    verified: order.length,
    type: terminal.type,
    unixfsType: terminal.unixfs?.type ?? null,
    entries,
    files,
    dfs
  }))
}

async function raw () {
  const [via] = rest
  const fetched = new Map()
  const blockstore = {
    async * get (cid) {
      if (fetched.has(cid.toString())) { yield fetched.get(cid.toString()); return }
      const url = withFormat(`${gateway}/ipfs/${cid}`, 'raw', via)
      const response = await get(url, 'application/vnd.ipld.raw', via)
      if (!(response.headers.get('content-type') ?? '').startsWith('application/vnd.ipld.raw')) throw new Error(`${url}: Content-Type ${response.headers.get('content-type')}`)
      const bytes = new Uint8Array(await response.arrayBuffer())
      await verify(cid, bytes)
      fetched.set(cid.toString(), bytes)
      yield bytes
    }
  }
  const files = []
  const terminal = await exporter(contentPath, blockstore)
  const entries = await rebuild(terminal.cid, blockstore, out, { listOnly: false }, files)
  console.log(JSON.stringify({ out, blocks: [...fetched.keys()], verified: fetched.size, type: terminal.type, entries, files }))
}

try {
  if (mode === 'car') await car()
  else if (mode === 'raw') await raw()
  else throw new Error('usage: node trustless.mjs car|raw <gateway> <cid[/path]> <out> ...')
} catch (e) {
  console.error(e.stack ?? String(e))
  process.exit(1)
}
