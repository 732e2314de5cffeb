/** Ways to reach a window, as on the flyer's legend, plus the web form most windows use. */
export const CHANNELS = ['in_person', 'phone', 'mail', 'chat', 'sns', 'web_form'] as const;
export type Channel = (typeof CHANNELS)[number];

/** File names of the icons in data/icons/, served under PUBLIC_BASE_URL/icons/. */
export const CHANNEL_ICON_FILES: Readonly<Record<Channel, string>> = {
  in_person: 'in-person.png',
  phone: 'phone.png',
  mail: 'mail.png',
  chat: 'chat.png',
  sns: 'sns.png',
  web_form: 'web-form.png',
};
