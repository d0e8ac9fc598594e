import { scenario } from '../testing/decider-scenario';
import { BodyEvent } from './body.events';
import { bodyDecider } from './body.decider';

const body = scenario(bodyDecider);
const registered: BodyEvent = {
  type: 'BodyRegistered',
  schemaVersion: 1,
  data: { bodyId: 'leics-opcc', name: 'Leicestershire OPCC' },
};

describe('the body decider', () => {
  it('registers a body once, with an id of lower-case letters, digits or hyphens and a name', () => {
    body
      .given()
      .when({ type: 'RegisterBody', bodyId: 'leics-opcc', name: ' Leicestershire OPCC ' })
      .then({ type: 'BodyRegistered', data: { bodyId: 'leics-opcc', name: 'Leicestershire OPCC' } });
    body
      .given(registered)
      .when({ type: 'RegisterBody', bodyId: 'leics-opcc', name: 'Again' })
      .thenRefuses('BODY_EXISTS', 'id');
    body
      .given()
      .when({ type: 'RegisterBody', bodyId: 'Leics', name: 'x' })
      .thenRefuses('INVALID_BODY_ID', 'id');
    body.given().when({ type: 'RegisterBody', bodyId: 'leics', name: ' ' }).thenRefuses('REQUIRED', 'name');
  });

  it('changes the settings of a body that exists, over the ones in force', () => {
    const [changed] = body
      .given(registered)
      .when({ type: 'ChangeBodySettings', change: { decisions: { firstNumber: 66 } } })
      .then({ type: 'BodySettingsChanged' });
    const settings = (changed as Extract<BodyEvent, { type: 'BodySettingsChanged' }>).data.settings;
    expect(settings.decisions).toEqual({
      subjectToCallIn: true,
      firstNumber: 66,
      seriesLabel: 'Executive Decision',
    });
    body
      .given()
      .when({ type: 'ChangeBodySettings', change: { yearStartMonth: 1 } })
      .thenRefuses('BODY_NOT_FOUND');
    body
      .given(registered)
      .when({ type: 'ChangeBodySettings', change: { decisions: { seriesLabel: ' ' } } })
      .thenRefuses('INVALID_SETTING', 'decisions.seriesLabel');
  });
});
