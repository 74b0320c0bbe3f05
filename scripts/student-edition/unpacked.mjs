// What a file holds under compression or in an archive, and its text when saved as UTF-16: the edition's search
// for the answers' lines read bytes as UTF-8 only, so a zip of a chapter, a notebook.gz or a .tar.gz left in a
// shipped folder (images/, lib/), or a copy saved as UTF-16 (Notepad's "Unicode"), shipped unseen.
import zlib from "node:zlib";

/** What is read out of one file's archives and compressed streams, at most (a zip bomb stops there). */
const MAX_UNPACKED = 256 * 1024 * 1024;

/** The bytes as text: UTF-16 by its byte-order mark, else UTF-8. */
export function decoded(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  return bytes.toString("utf8");
}

const limit = (budget) => ({ maxOutputLength: Math.max(1, budget.left) });

/** The members of a zip archive's central directory (no zip64), each inflated or stored. */
function zipMembers(bytes, budget) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return [];
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const members = [];
  for (let i = 0; i < count && at + 46 <= bytes.length && bytes.readUInt32LE(at) === 0x02014b50 && budget.left > 0; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    const member = method === 0 ? data : method === 8 ? zlib.inflateRawSync(data, limit(budget)) : null;
    if (member) {
      budget.left -= member.length;
      members.push(member);
    }
  }
  return members;
}

/** The files of a tar archive. */
function tarMembers(bytes, budget) {
  const members = [];
  for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0 && budget.left > 0; ) {
    const size = parseInt(bytes.subarray(at + 124, at + 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8) || 0;
    if (bytes[at + 156] === 0x30 || bytes[at + 156] === 0) members.push(bytes.subarray(at + 512, at + 512 + size));
    budget.left -= size;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

/**
 * The byte strings inside `bytes` when it is compressed (gzip, bzip2 aside: node has no bzip2) or an archive (zip, tar),
 * a level within another too (a .tar.gz), up to MAX_UNPACKED bytes in all; [] for any other file.
 * @param {Buffer} bytes @returns {Buffer[]}
 */
export function unpacked(bytes, budget = { left: MAX_UNPACKED }, depth = 0) {
  if (depth > 2 || budget.left <= 0) return [];
  let inner = [];
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      inner = [zlib.gunzipSync(bytes, limit(budget))];
      budget.left -= inner[0].length;
    } else if (bytes.readUInt32LE(0) === 0x04034b50 || bytes.readUInt32LE(0) === 0x06054b50) inner = zipMembers(bytes, budget);
    else if (bytes.length > 262 && bytes.subarray(257, 262).toString("latin1") === "ustar") inner = tarMembers(bytes, budget);
  } catch {
    // cut short, over the limit, or not what its first bytes said: what was read stands
  }
  return inner.flatMap((part) => [part, ...unpacked(part, budget, depth + 1)]);
}
