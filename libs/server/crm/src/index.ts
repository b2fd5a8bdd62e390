export { CRM_ENTITIES, CrmModule, CrmWorkerModule } from './crm.module';
