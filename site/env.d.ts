/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the portal server for every page (api/server/portal.ts). */
    portal: import('../api/server/portal.ts').PortalLocals;
  }
}
