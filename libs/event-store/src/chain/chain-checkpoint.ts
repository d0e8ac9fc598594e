import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { NewEvent } from '../port';
import { canonicalJson } from './canonical-json';

/**
 * A body's chain head, signed (Ed25519) and stored as an event of the chain itself. A copy printed
 * or published elsewhere shows a rewrite of the whole events table: whoever rewrites it cannot
 * sign the new heads without the engine's private key, and the old heads no longer match.
 */
export const CHECKPOINT_EVENT = 'ChainHeadSigned';

export interface ChainHead {
  readonly bodyId: string;
  /** The number of the last event the head covers, in the body's chain. */
  readonly seq: number;
  readonly head: string;
}

export interface SignedChainHead extends ChainHead {
  readonly signedAt: string;
  /** The first 16 hex digits of the SHA-256 of the public key (DER): which key signed. */
  readonly keyId: string;
  /** Base64 Ed25519 signature over the canonical JSON of { bodyId, seq, head, signedAt, keyId }. */
  readonly signature: string;
}

/** A new Ed25519 private key in PKCS#8 PEM: what `CHAIN_SIGNING_KEY` holds. */
export const newChainSigningKey = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The public half of a signing key, in SPKI PEM: what an auditor needs to check signatures. */
export const publicKeyOf = (privateKeyPem: string): string =>
  createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();

export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

const signedPart = ({ bodyId, seq, head, signedAt, keyId }: Omit<SignedChainHead, 'signature'>) =>
  Buffer.from(canonicalJson({ bodyId, seq, head, signedAt, keyId }));

export function signChainHead(head: ChainHead, privateKeyPem: string, signedAt: Date): SignedChainHead {
  const unsigned = {
    bodyId: head.bodyId,
    seq: head.seq,
    head: head.head,
    signedAt: signedAt.toISOString(),
    keyId: keyIdOf(publicKeyOf(privateKeyPem)),
  };
  const signature = sign(null, signedPart(unsigned), createPrivateKey(privateKeyPem)).toString('base64');
  return { ...unsigned, signature };
}

/** Whether the signature is the key's over exactly these fields (a wrong or malformed key is false). */
export function signatureHolds(signed: SignedChainHead, publicKeyPem: string): boolean {
  try {
    return verify(null, signedPart(signed), publicKeyPem, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

export const checkpointStreamOf = (bodyId: string) => `chain-${bodyId}`;

export function checkpointEventOf(signed: SignedChainHead, id: string): NewEvent {
  return {
    id,
    type: CHECKPOINT_EVENT,
    schemaVersion: 1,
    data: signed,
    metadata: {
      actor: 'engine',
      bodyId: signed.bodyId,
      recordedAt: signed.signedAt,
      command: 'SignChainHead',
    },
  };
}
