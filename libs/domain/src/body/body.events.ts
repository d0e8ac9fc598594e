import { allTypesOf } from '../shared/event-types';
import { DomainEvent } from '../shared/event';
import { BodySettings } from './body-settings';

export type BodyRegistered = DomainEvent<'BodyRegistered', 1, { bodyId: string; name: string }>;
export type BodySettingsChanged = DomainEvent<'BodySettingsChanged', 1, { settings: BodySettings }>;
export type BodyEvent = BodyRegistered | BodySettingsChanged;

export const BODY_EVENT_TYPES = allTypesOf<BodyEvent['type']>()(['BodyRegistered', 'BodySettingsChanged']);
