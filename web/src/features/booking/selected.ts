import { useServices } from '../catalogue/use-catalogue';
import { useCentres } from '../catalogue/use-centres';
import type { Answers } from './wizard-store';

/** The centre and service the answers name, once the catalogue has loaded. */
export function useSelected(answers: Answers) {
  const centres = useCentres();
  const services = useServices();
  return {
    centre: centres.data?.find((c) => c.id === answers.centreId),
    service: services.data?.find((s) => s.id === answers.serviceId),
    centres,
    services,
  };
}
