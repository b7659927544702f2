import { settingsItem, withDefaults } from './items';

/** Turns Backstory on or off for one site; open tabs of that site follow at once. */
export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  const settings = withDefaults(await settingsItem.getValue());
  const others = settings.disabledSites.filter((disabled) => disabled !== site);
  await settingsItem.setValue({ ...settings, disabledSites: enabled ? others : [...others, site] });
}
