/** Just enough of the protobuf wire format to read the messages kubectl sends. */

export interface Field {
  number: number;
  wireType: number;
  /** Varints and fixed-width numbers. */
  int?: bigint;
  /** Length-delimited payloads (strings, bytes, messages, map entries). */
  bytes?: Buffer;
}

export class ProtobufError extends Error {}

export function readFields(buffer: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (offset >= buffer.length) throw new ProtobufError('truncated varint');
      const byte = buffer[offset++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ProtobufError('varint too long');
    }
  };
  while (offset < buffer.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wireType = key & 7;
    switch (wireType) {
      case 0:
        fields.push({ number, wireType, int: varint() });
        break;
      case 1:
        if (offset + 8 > buffer.length) throw new ProtobufError('truncated fixed64');
        fields.push({ number, wireType, int: buffer.readBigUInt64LE(offset) });
        offset += 8;
        break;
      case 2: {
        const length = Number(varint());
        if (offset + length > buffer.length) throw new ProtobufError('truncated length-delimited field');
        fields.push({ number, wireType, bytes: buffer.subarray(offset, offset + length) });
        offset += length;
        break;
      }
      case 5:
        if (offset + 4 > buffer.length) throw new ProtobufError('truncated fixed32');
        fields.push({ number, wireType, int: BigInt(buffer.readUInt32LE(offset)) });
        offset += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
