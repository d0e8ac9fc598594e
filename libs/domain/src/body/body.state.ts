import { BodySettings, DEFAULT_BODY_SETTINGS } from './body-settings';

/** What the body decider knows of one body, folded from its events. */
export interface Body {
  readonly exists: boolean;
  readonly bodyId: string;
  readonly name: string;
  readonly settings: BodySettings;
}

export const initialBody = (): Body => ({
  exists: false,
  bodyId: '',
  name: '',
  settings: DEFAULT_BODY_SETTINGS,
});
