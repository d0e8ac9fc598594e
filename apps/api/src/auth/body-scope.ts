import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Actor } from '#engine/actor';

/** Asked for with ?body=* by an admin: every body at once. */
export const EVERY_BODY = '*';

/**
 * Which bodies a read covers. Nothing mixes bodies unless an admin asks for it: without ?body=,
 * a token that names one body reads that body; one that names several must choose.
 */
export function bodiesToRead(actor: Actor, requested: string | undefined): readonly string[] | 'all' {
  if (requested === EVERY_BODY) {
    if (actor.role !== 'admin') throw new BadRequestException('body "*" (every body) is for admins only');
    return actor.bodies;
  }
  return [oneBody(actor, requested)];
}

/** The single body a command or report is for. */
export function oneBody(actor: Actor, requested: string | undefined): string {
  if (requested !== undefined) {
    if (actor.bodies !== 'all' && !actor.bodies.includes(requested)) {
      throw new NotFoundException(`body "${requested}" not found`);
    }
    return requested;
  }
  if (actor.bodies !== 'all' && actor.bodies.length === 1) return actor.bodies[0];
  const choices = actor.bodies === 'all' ? 'any body id' : actor.bodies.join(', ');
  throw new BadRequestException(`body is required: your token acts for several bodies (${choices})`);
}
