import { z } from 'zod'

/** A name/value pair as sent or received, in order. */
export const PairSchema = z.tuple([z.string(), z.string()])
export const PairsSchema = z.array(PairSchema)
