import { settingsItem, withDefaults, type Settings } from './items';

/** "example.com" covers "www.example.com" too. */
export function hostMatches(site: string, entry: string): boolean {
  return site === entry || site.endsWith(`.${entry}`);
}

/** Whether Backstory runs on `site`: the blocklist always wins, then the mode. */
export function isSiteEnabled(settings: Settings, site: string): boolean {
  if (settings.disabledSites.some((entry) => hostMatches(site, entry))) return false;
  return settings.siteMode === 'all' || settings.enabledSites.some((entry) => hostMatches(site, entry));
}

/** Turns Backstory on or off for one site; open tabs of that site follow at once. */
export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  const settings = withDefaults(await settingsItem.getValue());
  const disabledSites = settings.disabledSites.filter((entry) => !hostMatches(site, entry));
  const enabledSites = settings.enabledSites.filter((entry) => !hostMatches(site, entry));
  await settingsItem.setValue({
    ...settings,
    disabledSites: enabled ? disabledSites : [...disabledSites, site],
    enabledSites: enabled && settings.siteMode === 'listed' ? [...enabledSites, site] : enabledSites,
  });
}
