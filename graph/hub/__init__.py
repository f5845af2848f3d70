"""The House of NGOs hub: offers, needs, handovers, volunteers and services (reads)."""
