import { BodySettingsChange } from './body-settings';

export type BodyCommand =
  | { type: 'RegisterBody'; bodyId: string; name: string }
  | { type: 'ChangeBodySettings'; change: BodySettingsChange };
