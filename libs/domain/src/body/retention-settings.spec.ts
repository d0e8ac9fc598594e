import { applySettingsChange, DEFAULT_BODY_SETTINGS } from './body-settings';

describe('how long a body keeps its records', () => {
  it('keeps minutes and decision records permanently, and erases officers at once, unless told otherwise', () => {
    expect(DEFAULT_BODY_SETTINGS.retention).toEqual({
      minutesYears: null,
      decisionRecordsYears: null,
      officerPersonalDataMonths: 0,
    });
    const changed = applySettingsChange(DEFAULT_BODY_SETTINGS, {
      retention: { minutesYears: 6, officerPersonalDataMonths: 72 },
    });
    expect(changed.retention).toEqual({
      minutesYears: 6,
      decisionRecordsYears: null,
      officerPersonalDataMonths: 72,
    });
  });

  it('refuses to keep minutes or decision records less than six years, naming the field', () => {
    for (const field of ['minutesYears', 'decisionRecordsYears'] as const)
      expect(() => applySettingsChange(DEFAULT_BODY_SETTINGS, { retention: { [field]: 5 } })).toThrow(
        expect.objectContaining({ code: 'INVALID_SETTING', field: `retention.${field}` }),
      );
  });

  it('refuses a period of officers’ data that is not a whole number of months', () => {
    expect(() =>
      applySettingsChange(DEFAULT_BODY_SETTINGS, { retention: { officerPersonalDataMonths: -1 } }),
    ).toThrow(expect.objectContaining({ field: 'retention.officerPersonalDataMonths' }));
  });
});
