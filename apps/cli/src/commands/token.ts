import { parseArgs } from 'node:util';
import { ROLES, Role } from '#engine/actor';
import { TokenService } from '#engine/token.service';
import { EngineConfig } from '#engine/config';

export const tokenUsage = `token --user NAME [--role ${ROLES.join('|')}] [--body ID[,ID...]|*] [--hours N]
  Prints a bearer token for this instance (and nothing else on stdout).
  --role defaults to secretary; --body to the default body; "*" (every body) is for admins.`;

export function tokenCommand(args: string[], config: EngineConfig): string {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      role: { type: 'string', default: 'secretary' },
      body: { type: 'string', multiple: true },
      hours: { type: 'string', default: '12' },
    },
  });
  if (!values.user) throw new Error(`--user is required\n${tokenUsage}`);
  const role = values.role as Role;
  if (!ROLES.includes(role))
    throw new Error(`--role "${values.role}" is not a role; use ${ROLES.join(', ')}`);
  const hours = Number(values.hours);
  if (!(hours > 0)) throw new Error(`--hours "${values.hours}" must be a positive number`);
  const bodies = (values.body ?? [config.defaultBody.id])
    .flatMap((b) => b.split(','))
    .map((b) => b.trim())
    .filter(Boolean);
  if (bodies.includes('*') && role !== 'admin') throw new Error('--body "*" (every body) is for admins only');
  return new TokenService(config.jwtSecret).issue(
    { user: values.user, role, bodies: bodies.includes('*') ? 'all' : bodies },
    Math.round(hours * 3600),
  );
}
