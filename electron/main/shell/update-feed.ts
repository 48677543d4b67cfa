// The update feed is fixed when the app is built (OFFERING_DESK_UPDATE_URL at
// `npm run dist`), never read from settings: updates download and install by
// themselves, so whoever could change the feed could run code on the machine.
import { checkMarketplaceUrl } from '../settings/settings';

declare const __OFFERING_DESK_UPDATE_FEED__: string | undefined;

/** Called by the build: the feed to write into the main bundle, checked like any URL ('' turns updates off). */
export function updateFeedForBuild(env: Record<string, string | undefined>): string {
  const value = env.OFFERING_DESK_UPDATE_URL?.trim() ?? '';
  return value === '' ? '' : checkMarketplaceUrl(value, 'updateFeedUrl', 'The update feed URL');
}

/** The feed this build was made with; '' when updates are off (and always under tests, which are not built). */
export const BUILT_IN_UPDATE_FEED: string = typeof __OFFERING_DESK_UPDATE_FEED__ === 'string' ? __OFFERING_DESK_UPDATE_FEED__ : '';
