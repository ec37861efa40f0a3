// Adds a folder through the host with kubo-rpc-client's globSource (as `ipfs add -r` would), then lists the pins;
// prints one JSON line: every added entry (path, cid) in the order the host answered, and the recursive pins.
import { create, globSource } from 'kubo-rpc-client'

const [url, token, parent, name] = process.argv.slice(2)
const ipfs = create({ url, headers: { authorization: 'Bearer ' + token } })
const entries = []
for await (const added of ipfs.addAll(globSource(parent, `${name}/**/*`))) {
  entries.push({ path: added.path, cid: added.cid.toString() })
}
const pins = []
for await (const pin of ipfs.pin.ls({ type: 'recursive' })) pins.push(pin.cid.toString())
console.log(JSON.stringify({ entries, pins }))
