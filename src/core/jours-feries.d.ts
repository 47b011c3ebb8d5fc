// The package ships no types. It returns each holiday's name → a Date at local midnight of the process's time zone.
declare module '@socialgouv/jours-feries' {
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
