x = super()
