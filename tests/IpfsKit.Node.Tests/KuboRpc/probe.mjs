// Adds the given text through the host with kubo-rpc-client, cats it back and lists pins; prints one JSON line.
import { create } from 'kubo-rpc-client'

const [url, token, content] = process.argv.slice(2)
const ipfs = create({ url, headers: { authorization: 'Bearer ' + token } })
const added = await ipfs.add({ path: 'probe.txt', content: new TextEncoder().encode(content) })
const chunks = []
for await (const chunk of ipfs.cat(added.cid)) chunks.push(...chunk)
const pins = []
for await (const pin of ipfs.pin.ls()) pins.push(pin.cid.toString())
const id = await ipfs.id()
console.log(JSON.stringify({
  cid: added.cid.toString(),
  text: new TextDecoder().decode(new Uint8Array(chunks)),
  pinned: pins.includes(added.cid.toString()),
  id: id.id.toString(),
}))
