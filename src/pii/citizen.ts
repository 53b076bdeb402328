import type { WorkOrder } from '../entities';
import type { DataCipher } from './cipher';
import { normalisePhone } from './phone';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './mask';

/** A citizen's personal data in clear: exists only in memory, between decrypt and mask/reveal. */
export interface CitizenData {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  anonymous: boolean;
}

type SealedCitizen = Pick<
  WorkOrder,
  'citizenNameEnc' | 'citizenPhoneEnc' | 'citizenIdNumberEnc' | 'citizenAddressEnc' | 'citizenPhoneHash' | 'citizenIdHash' | 'citizenAnonymous'
>;

/** Encrypts the citizen for storage; phones are stored normalised when they normalise. */
export function sealCitizen(cipher: DataCipher, citizen: Partial<CitizenData> | null | undefined): SealedCitizen {
  const phone = citizen?.phone ? (normalisePhone(citizen.phone) ?? citizen.phone.trim()) : null;
  const idNumber = citizen?.idNumber ? citizen.idNumber.trim().toUpperCase() : null;
  return {
    citizenNameEnc: cipher.encrypt(citizen?.name?.trim() || null),
    citizenPhoneEnc: cipher.encrypt(phone),
    citizenIdNumberEnc: cipher.encrypt(idNumber),
    citizenAddressEnc: cipher.encrypt(citizen?.address?.trim() || null),
    citizenPhoneHash: cipher.phoneHash(phone),
    citizenIdHash: cipher.idNumberHash(idNumber),
    citizenAnonymous: citizen?.anonymous ?? false,
  };
}

export function openCitizen(cipher: DataCipher, order: SealedCitizen): CitizenData {
  return {
    name: cipher.decrypt(order.citizenNameEnc),
    phone: cipher.decrypt(order.citizenPhoneEnc),
    idNumber: cipher.decrypt(order.citizenIdNumberEnc),
    address: cipher.decrypt(order.citizenAddressEnc),
    anonymous: order.citizenAnonymous,
  };
}

export function maskCitizen(citizen: CitizenData): CitizenData {
  return {
    name: maskName(citizen.name),
    phone: maskPhone(citizen.phone),
    idNumber: maskIdNumber(citizen.idNumber),
    address: maskAddress(citizen.address),
    anonymous: citizen.anonymous,
  };
}

export const CITIZEN_FIELDS = ['name', 'phone', 'idNumber', 'address'] as const;
