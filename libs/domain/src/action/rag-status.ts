/** The fixed status codes (seed 000's key); bodies configure only how they are shown. */
export const RAG_STATUSES = ['WHITE', 'RED', 'AMBER', 'GREEN', 'BLUE'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export function isRagStatus(value: unknown): value is RagStatus {
  return typeof value === 'string' && (RAG_STATUSES as readonly string[]).includes(value);
}
